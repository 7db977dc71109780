// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TenderEscrow} from "../../contracts/TenderEscrow.sol";
import {IArbitratorRegistry} from "../../contracts/interfaces/IArbitratorRegistry.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {RejectingParty} from "./mocks/Actors.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice Deployment, the owner's three powers (and nothing more), protocol fees, withdrawals, arbitrators.
contract AdminTest is EscrowTest {
    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    function test_constructor_setsConfig() public view {
        (uint32 minWindow, uint32 maxWindow) = escrow.windowBounds();
        assertEq(minWindow, MIN_WINDOW, "min window");
        assertEq(maxWindow, MAX_WINDOW, "max window");
        assertEq(escrow.owner(), owner, "owner");
        assertEq(escrow.treasury(), treasury, "treasury");
        assertEq(escrow.protocolFeeBps(), FEE_BPS, "fee");
        assertFalse(escrow.postingPaused(), "not paused");
        assertEq(escrow.lastJobId(), 0, "no jobs");
    }

    function test_constructor_failsForBadWindowBounds() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidWindowBounds.selector, 0, MAX_WINDOW));
        new TenderEscrow(owner, treasury, FEE_BPS, 0, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, signedModule);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidWindowBounds.selector, 2 days, 1 days));
        new TenderEscrow(owner, treasury, FEE_BPS, 2 days, 1 days, registry, GRACE, RESPONSE, milestonesModule, signedModule);
    }

    function test_constructor_failsForResponseWindowOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MIN_WINDOW - 1, MIN_WINDOW, MAX_WINDOW)
        );
        new TenderEscrow(owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, MIN_WINDOW - 1, milestonesModule, signedModule);
    }

    function test_constructor_failsForZeroTreasury() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidTreasury.selector, address(0)));
        new TenderEscrow(owner, address(0), FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, signedModule);
    }

    function test_constructor_failsForFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ProtocolFeeTooHigh.selector, 501, 500));
        new TenderEscrow(owner, treasury, 501, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, signedModule);
    }

    function test_constructor_failsForZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderAdmin.OwnableInvalidOwner.selector, address(0)));
        new TenderEscrow(address(0), treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, milestonesModule, signedModule);
    }

    /*//////////////////////////////////////////////////////////////
                                  OWNER
    //////////////////////////////////////////////////////////////*/

    function test_setProtocolFee_appliesToNewJobsOnly() public {
        uint256 running = postAndDeliver(address(usd));
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.ProtocolFeeSet(500);
        vm.prank(owner);
        escrow.setProtocolFee(500);
        assertEq(escrow.protocolFeeBps(), 500, "new fee");
        assertEq(escrow.job(post(ETH)).protocolFeeBps, 500, "new job keeps the new fee");

        vm.prank(buyer);
        escrow.confirm(running, 5);
        assertEq(escrow.protocolFees(address(usd)), uint256(PRICE) * FEE_BPS / 10_000, "running job kept its fee");
    }

    function test_setProtocolFee_failsAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ProtocolFeeTooHigh.selector, 501, 500));
        vm.prank(owner);
        escrow.setProtocolFee(501);
    }

    function test_ownerFunctions_failForOthers() public {
        bytes memory unauthorized = abi.encodeWithSelector(ITenderAdmin.OwnableUnauthorizedAccount.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(unauthorized);
        escrow.setProtocolFee(0);
        vm.expectRevert(unauthorized);
        escrow.setTreasury(stranger);
        vm.expectRevert(unauthorized);
        escrow.setPostingPaused(true);
        vm.stopPrank();
    }

    function test_setTreasury_redirectsFeeCollection() public {
        uint256 jobId = postAndDeliver(address(usd));
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.TreasurySet(stranger);
        vm.prank(owner);
        escrow.setTreasury(stranger);
        escrow.collectProtocolFees(address(usd));
        assertEq(usd.balanceOf(stranger), uint256(PRICE) * FEE_BPS / 10_000, "new treasury got the fees");
    }

    function test_setTreasury_failsForZero() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidTreasury.selector, address(0)));
        vm.prank(owner);
        escrow.setTreasury(address(0));
    }

    function test_pause_stopsNewJobsOnly() public {
        uint256 jobId = post(ETH);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PostingPausedSet(true);
        vm.prank(owner);
        escrow.setPostingPaused(true);
        assertTrue(escrow.postingPaused(), "paused");

        // A running job goes on to the end.
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertStatus(jobId, Tender.Status.Settled);

        vm.prank(owner);
        escrow.setPostingPaused(false);
        post(ETH);
    }

    function test_pause_failsWhenUnchanged() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.PauseUnchanged.selector, false));
        vm.prank(owner);
        escrow.setPostingPaused(false);
    }

    function test_renounceOwnership_isDisabled() public {
        vm.expectRevert(ITenderEscrow.OwnershipCannotBeRenounced.selector);
        vm.prank(owner);
        escrow.renounceOwnership();
        assertEq(escrow.owner(), owner, "still owned");
    }

    function test_ownership_transfersInTwoSteps() public {
        vm.prank(owner);
        escrow.transferOwnership(stranger);
        assertEq(escrow.owner(), owner, "still the old owner");
        vm.prank(stranger);
        escrow.acceptOwnership();
        assertEq(escrow.owner(), stranger, "new owner");
    }

    /*//////////////////////////////////////////////////////////////
                             PROTOCOL FEES
    //////////////////////////////////////////////////////////////*/

    function test_collectProtocolFees_sendsToTreasury() public {
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        for (uint256 i; i < 2; ++i) {
            address token = i == 0 ? ETH : address(usd);
            uint256 jobId = postAndDeliver(token);
            vm.prank(buyer);
            escrow.confirm(jobId, 5);
            vm.expectEmit(address(escrow));
            emit ITenderEscrow.ProtocolFeesCollected(token, treasury, fee);
            vm.prank(stranger);
            assertEq(escrow.collectProtocolFees(token), fee, "collected");
            assertEq(balanceOf(token, treasury), fee, "treasury paid");
            assertEq(escrow.protocolFees(token), 0, "nothing left");
        }
    }

    function test_collectProtocolFees_failsWhenNothingAccrued() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NothingToWithdraw.selector, address(escrow), ETH));
        escrow.collectProtocolFees(ETH);
    }

    function test_collectProtocolFees_failsWhenTreasuryRefusesEth() public {
        RejectingParty refusing = new RejectingParty();
        vm.prank(owner);
        escrow.setTreasury(address(refusing));
        uint256 jobId = postAndDeliver(ETH);
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.EthTransferFailed.selector, address(refusing), fee));
        escrow.collectProtocolFees(ETH);
        assertEq(escrow.protocolFees(ETH), fee, "fees stay accrued");
    }

    /*//////////////////////////////////////////////////////////////
                                WITHDRAW
    //////////////////////////////////////////////////////////////*/

    function test_withdraw_failsWithoutCredit() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NothingToWithdraw.selector, stranger, ETH));
        vm.prank(stranger);
        escrow.withdraw(ETH, stranger);
    }

    function test_withdraw_failsForZeroRecipient() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidRecipient.selector, address(0)));
        escrow.withdraw(ETH, address(0));
    }

    /*//////////////////////////////////////////////////////////////
                               ARBITRATORS
    //////////////////////////////////////////////////////////////*/

    function test_registerArbitrator_publishesTerms() public {
        vm.expectEmit(address(escrow));
        emit IArbitratorRegistry.ArbitratorTermsPublished(stranger, termsId + 1, 1_000, MAX_WINDOW, "ipfs://t");
        vm.prank(stranger);
        uint32 id = escrow.registerArbitrator(1_000, MAX_WINDOW, "ipfs://t");
        Tender.Arbitrator memory a = escrow.arbitrator(stranger);
        assertEq(a.termsId, id, "terms id");
        assertTrue(a.active, "active");
        Tender.ArbitratorTerms memory terms = escrow.arbitratorTerms(id);
        assertEq(terms.arbitrator, stranger, "arbitrator");
        assertEq(terms.feeBps, 1_000, "fee");
        assertEq(terms.ruleWindow, MAX_WINDOW, "window");
    }

    function test_registerArbitrator_failsTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorAlreadyRegistered.selector, arbitrator));
        vm.prank(arbitrator);
        escrow.registerArbitrator(100, 1 days, "x");
    }

    function test_registerArbitrator_failsForFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorFeeTooHigh.selector, 1_001, 1_000));
        vm.prank(stranger);
        escrow.registerArbitrator(1_001, 1 days, "x");
    }

    function test_registerArbitrator_failsForWindowOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MIN_WINDOW - 1, MIN_WINDOW, MAX_WINDOW)
        );
        vm.prank(stranger);
        escrow.registerArbitrator(100, MIN_WINDOW - 1, "x");
    }

    function test_updateArbitratorTerms_appliesToNewJobsOnly() public {
        uint256 running = post(ETH);
        vm.prank(arbitrator);
        uint32 newTerms = escrow.updateArbitratorTerms(500, 7 days, "ipfs://v2");
        uint32 oldTerms = termsId;
        assertEq(escrow.job(running).termsId, oldTerms, "running job keeps its terms");
        termsId = newTerms;
        assertEq(escrow.job(post(ETH)).termsId, newTerms, "new job takes the new terms");
        termsId = oldTerms;
        assertEq(escrow.arbitratorTerms(termsId).feeBps, 200, "old terms unchanged");
        assertEq(escrow.arbitratorTerms(newTerms).feeBps, 500, "new terms");
    }

    function test_updateArbitratorTerms_failsForStrangersAndRetired() public {
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorNotActive.selector, stranger));
        vm.prank(stranger);
        escrow.updateArbitratorTerms(100, 1 days, "x");

        vm.startPrank(arbitrator);
        escrow.retireArbitrator();
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorNotActive.selector, arbitrator));
        escrow.updateArbitratorTerms(100, 1 days, "x");
        vm.stopPrank();
    }

    function test_retireArbitrator_keepsRunningJobs() public {
        uint256 running = postAndDeliver(ETH);
        vm.expectEmit(address(escrow));
        emit IArbitratorRegistry.ArbitratorRetired(arbitrator);
        vm.prank(arbitrator);
        escrow.retireArbitrator();
        assertFalse(escrow.arbitrator(arbitrator).active, "retired");
        assertEq(escrow.arbitratorTerms(escrow.job(running).termsId).arbitrator, arbitrator, "job keeps it");
        vm.prank(buyer);
        escrow.confirm(running, 5);
    }

    function test_retireArbitrator_failsTwice() public {
        vm.startPrank(arbitrator);
        escrow.retireArbitrator();
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorNotActive.selector, arbitrator));
        escrow.retireArbitrator();
        vm.stopPrank();
    }
}
