// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITender} from "../../contracts/interfaces/ITender.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {RejectingParty} from "./mocks/Actors.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice The custody contract and its admin module: routing, a module that only runs through its escrow, the
/// list of tokens new jobs may use, and the review's fixes that live at the door (pinned terms, withdraw to self).
contract ModulesTest is EscrowTest {
    /*//////////////////////////////////////////////////////////////
                                 ROUTING
    //////////////////////////////////////////////////////////////*/

    function test_adminModule_isCreatedByTheEscrow() public {
        assertTrue(address(adminModule).code.length > 1_000, "a module with code");
        ITender other = deployEscrow(owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, GRACE, RESPONSE);
        assertTrue(other.adminModule() != escrow.adminModule(), "each escrow its own module");
        // The warranty module is the escrow's first creation, the admin module its second: both addresses follow
        // from the escrow's alone.
        address warranty = address(uint160(uint256(keccak256(abi.encodePacked(bytes2(0xd694), address(other), bytes1(0x01))))));
        address admin = address(uint160(uint256(keccak256(abi.encodePacked(bytes2(0xd694), address(other), bytes1(0x02))))));
        assertEq(other.warrantyModule(), warranty, "warranty module: the escrow's first creation");
        assertEq(other.adminModule(), admin, "admin module: the escrow's second creation");
        assertTrue(warranty.code.length > 1_000, "a warranty module with code");
    }

    function test_warrantyModule_refusesDirectCalls() public {
        ITender warranty = ITender(escrow.warrantyModule());
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        warranty.heldOf(1, 0);
        vm.prank(buyer);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        warranty.release(1, 0);
        // Nor through the admin module called directly: its fallback only runs on an escrow's storage.
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        ITender(address(adminModule)).release(1, 0);
    }

    function test_module_refusesDirectCalls() public {
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        adminModule.job(1);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        adminModule.initialize(stranger, stranger, 0);
        vm.prank(stranger);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        adminModule.registerArbitrator(100, 1 days, "x");
    }

    function test_initialize_runsOnlyInTheConstructor() public {
        vm.expectRevert(ITenderAdmin.AlreadyInitialized.selector);
        escrow.initialize(stranger, stranger, 0);
        assertEq(escrow.owner(), owner, "owner unchanged");
        assertEq(escrow.treasury(), treasury, "treasury unchanged");
    }

    function test_unknownCall_reverts() public {
        (bool ok,) = address(escrow).call(abi.encodeWithSignature("steal(address)", stranger));
        assertFalse(ok, "unknown selector");
        vm.prank(buyer);
        (ok,) = address(escrow).call{value: 1 ether}("");
        assertFalse(ok, "plain ETH refused");
        vm.prank(buyer);
        (ok,) = address(escrow).call{value: 1 ether}(abi.encodeCall(ITenderAdmin.job, (1)));
        assertFalse(ok, "ETH with a module call refused");
        assertEq(address(escrow).balance, 0, "holds no stray ETH");
    }

    function test_moduleViews_readTheEscrowsStorage() public {
        uint256 jobId = post(address(usd));
        assertEq(escrow.lastJobId(), jobId, "last job id");
        assertEq(escrow.job(jobId).buyer, buyer, "job buyer");
        assertEq(escrow.buyerRecord(buyer).posted, 1, "buyer record");
        assertEq(escrow.arbitrator(arbitrator).termsId, termsId, "arbitrator");
        assertEq(adminModule.ETH(), address(0), "module constants are pure");
    }

    /*//////////////////////////////////////////////////////////////
                               TOKEN LIST
    //////////////////////////////////////////////////////////////*/

    function test_setTokenAllowed_listsAndDelists() public {
        MockERC20 other = new MockERC20("Other", "OTH", 18);
        assertFalse(escrow.tokenAllowed(address(other)), "not listed");
        assertTrue(escrow.tokenAllowed(ETH), "ETH always");
        vm.expectEmit(address(escrow));
        emit ITenderAdmin.TokenAllowedSet(address(other), true);
        allowToken(address(other));
        assertTrue(escrow.tokenAllowed(address(other)), "listed");
        vm.prank(owner);
        escrow.setTokenAllowed(address(other), false);
        assertFalse(escrow.tokenAllowed(address(other)), "delisted");
    }

    function test_setTokenAllowed_refusesADelegatedAccount_andDelistsATokenWhoseCodeIsGone() public {
        address delegated = makeAddr("delegated");
        vm.etch(delegated, abi.encodePacked(bytes3(0xef0100), address(usd)));
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenNotContract.selector, delegated));
        escrow.setTokenAllowed(delegated, true);

        MockERC20 doomed = new MockERC20("Doomed", "DOOM", 6);
        allowToken(address(doomed));
        vm.etch(address(doomed), "");
        vm.prank(owner);
        escrow.setTokenAllowed(address(doomed), false);
        assertFalse(escrow.tokenAllowed(address(doomed)), "delisted without code");
    }

    function test_setTreasury_refusesTheEscrowAndItsModule() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidTreasury.selector, address(escrow)));
        escrow.setTreasury(address(escrow));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidTreasury.selector, address(adminModule)));
        escrow.setTreasury(address(adminModule));
        vm.stopPrank();
        assertEq(escrow.treasury(), treasury, "unchanged");
    }

    function test_setTokenAllowed_failsForStrangerNonContractAndNoChange() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderAdmin.OwnableUnauthorizedAccount.selector, stranger));
        escrow.setTokenAllowed(address(usd), false);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenNotContract.selector, stranger));
        escrow.setTokenAllowed(stranger, true);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ITenderAdmin.TokenListingUnchanged.selector, address(usd), true));
        escrow.setTokenAllowed(address(usd), true);
    }

    function test_delisting_leavesRunningJobsAlone() public {
        uint256 jobId = postAndDeliver(address(usd));
        vm.prank(owner);
        escrow.setTokenAllowed(address(usd), false);
        uint256 before = usd.balanceOf(supplier);
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertEq(usd.balanceOf(supplier) - before, PRICE - PRICE * FEE_BPS / 10_000, "still paid");
        escrow.collectProtocolFees(address(usd));
        assertEq(usd.balanceOf(treasury), PRICE * FEE_BPS / 10_000, "fees still collected");
    }

    /*//////////////////////////////////////////////////////////////
                              PINNED TERMS
    //////////////////////////////////////////////////////////////*/

    function test_post_failsForTermsThatChangedOrWereNeverPublished() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.arbitratorTermsId = 0;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorTermsChanged.selector, arbitrator, 0, termsId));
        post(hire);
        hire.arbitratorTermsId = termsId + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.ArbitratorTermsChanged.selector, arbitrator, termsId + 1, termsId)
        );
        post(hire);
        assertEq(escrow.lastJobId(), 0, "nothing posted");
        assertEq(buyer.balance, 1_000 ether, "nothing taken");
    }

    /*//////////////////////////////////////////////////////////////
                                WITHDRAW
    //////////////////////////////////////////////////////////////*/

    function test_withdraw_refusesTheEscrowAsRecipient() public {
        RejectingParty party = new RejectingParty();
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.supplier = address(party);
        uint256 jobId = post(hire);
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w")));
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        uint256 owed = escrow.credit(address(party), ETH);
        assertEq(owed, PRICE - PRICE * FEE_BPS / 10_000, "credited");

        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidRecipient.selector, address(escrow)));
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.withdraw, (ETH, address(escrow))));
        assertEq(escrow.credit(address(party), ETH), owed, "credit kept");
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.withdraw, (ETH, stranger)));
        assertEq(stranger.balance, owed, "withdrawn elsewhere");
    }
}
