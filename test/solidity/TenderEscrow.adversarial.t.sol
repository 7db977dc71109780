// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {ReentrantReceiver, RejectingParty} from "./mocks/Actors.sol";
import {BlocklistToken, FalseToken, ReentrantToken} from "./mocks/AdversarialTokens.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice Hostile tokens and receivers can block or hurt only themselves: no one else's money moves or locks.
contract AdversarialTest is EscrowTest {
    /// @dev An honest ETH job and an honest stablecoin job running beside every attack.
    function honestJobs() internal returns (uint256 ethJob, uint256 usdJob) {
        ethJob = postAndDeliver(ETH);
        usdJob = postAndDeliver(address(usd));
    }

    /// @dev Beside the honest jobs, the escrow may hold only what it owes others: accrued fees and `ethCredits`.
    function assertHonestJobsIntact(uint256 ethJob, uint256 usdJob, uint256 ethCredits) internal {
        assertEq(address(escrow).balance, PRICE + escrow.protocolFees(ETH) + ethCredits, "ETH job still escrowed");
        assertEq(usd.balanceOf(address(escrow)), PRICE, "stablecoin job still escrowed");
        vm.startPrank(buyer);
        escrow.confirm(ethJob, 5);
        escrow.confirm(usdJob, 5);
        vm.stopPrank();
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        assertEq(supplier.balance, PRICE - fee, "honest supplier paid in ETH");
        assertEq(usd.balanceOf(supplier), PRICE - fee, "honest supplier paid in stablecoin");
    }

    function test_reentrantToken_cannotReenterDuringPost() public {
        (uint256 ethJob, uint256 usdJob) = honestJobs();
        ReentrantToken evil = new ReentrantToken();
        allowToken(address(evil));
        evil.mint(buyer, PRICE);
        vm.prank(buyer);
        evil.approve(address(escrow), PRICE);
        // While the escrow pulls the price, the token tries to refund the honest ETH job before its deadline.
        evil.arm(address(escrow), abi.encodeCall(ITenderEscrow.refund, (ethJob)));
        uint256 evilJob = post(address(evil));
        assertTrue(evil.attempted(), "the token tried");
        assertFalse(evil.reentered(), "re-entry refused");
        assertEq(bytes4(evil.reentryError()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector, "guard");
        assertEq(evil.balanceOf(address(escrow)), PRICE, "its own job is escrowed");
        assertStatus(evilJob, Tender.Status.Awarded);
        assertHonestJobsIntact(ethJob, usdJob, 0);
    }

    function test_reentrantToken_cannotReenterDuringPayout() public {
        (uint256 ethJob, uint256 usdJob) = honestJobs();
        ReentrantToken evil = new ReentrantToken();
        allowToken(address(evil));
        evil.mint(buyer, PRICE);
        vm.prank(buyer);
        evil.approve(address(escrow), PRICE);
        uint256 evilJob = post(address(evil));
        vm.prank(supplier);
        escrow.deliver(evilJob, keccak256("w"), "ipfs://w");

        // While the escrow pays the supplier, the token tries to settle its own job a second time.
        evil.arm(address(escrow), abi.encodeCall(ITenderEscrow.finalize, (evilJob)));
        vm.warp(block.timestamp + REVIEW);
        escrow.finalize(evilJob);
        assertTrue(evil.attempted(), "the token tried");
        assertFalse(evil.reentered(), "re-entry refused");
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        assertEq(evil.balanceOf(supplier), PRICE - fee, "paid once");
        assertEq(evil.balanceOf(address(escrow)), fee, "only the fee stays");
        vm.warp(START);
        assertHonestJobsIntact(ethJob, usdJob, 0);
    }

    function test_rejectingSupplier_isCredited_andWithdrawsElsewhere() public {
        (uint256 ethJob, uint256 usdJob) = honestJobs();
        RejectingParty party = new RejectingParty();
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.supplier = address(party);
        uint256 jobId = post(hire);
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w")));

        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentCredited(address(party), ETH, PRICE - fee);
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(escrow.credit(address(party), ETH), PRICE - fee, "credited");

        // It cannot withdraw to itself (it refuses ETH); that blocks only it. Elsewhere works.
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.EthTransferFailed.selector, address(party), PRICE - fee));
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.withdraw, (ETH, address(party))));
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.Withdrawn(address(party), ETH, stranger, PRICE - fee);
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.withdraw, (ETH, stranger)));
        assertEq(stranger.balance, PRICE - fee, "withdrawn elsewhere");
        assertEq(escrow.credit(address(party), ETH), 0, "credit spent");
        assertHonestJobsIntact(ethJob, usdJob, 0);
    }

    function test_gasBurningBuyer_isCredited_withinStipend() public {
        (uint256 ethJob, uint256 usdJob) = honestJobs();
        RejectingParty party = new RejectingParty();
        party.setBurnGas(true);
        vm.deal(address(party), PRICE);
        uint256 jobId = abi.decode(
            party.exec(address(escrow), PRICE, abi.encodeCall(ITenderEscrow.postDirectHire, (hireOf(ETH)))),
            (uint256)
        );
        vm.warp(START + DELIVERY);
        uint256 gasBefore = gasleft();
        escrow.refund(jobId);
        uint256 gasUsed = gasBefore - gasleft();
        assertTrue(gasUsed < 100_000, "the receiver burned no more than the stipend");
        assertEq(escrow.credit(address(party), ETH), PRICE, "refund credited");
        vm.warp(START);
        assertHonestJobsIntact(ethJob, usdJob, PRICE);
    }

    function test_blocklistedSupplier_isCredited_inTokens() public {
        BlocklistToken busd = new BlocklistToken();
        allowToken(address(busd));
        busd.mint(buyer, PRICE);
        vm.prank(buyer);
        busd.approve(address(escrow), PRICE);
        uint256 jobId = post(address(busd));
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        busd.setBlocked(supplier, true);

        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        assertEq(escrow.credit(supplier, address(busd)), PRICE - fee, "credited");
        vm.prank(supplier);
        escrow.withdraw(address(busd), stranger);
        assertEq(busd.balanceOf(stranger), PRICE - fee, "withdrawn to an unblocked address");
        assertEq(busd.balanceOf(address(escrow)), fee, "only the fee stays");
    }

    function test_withdraw_erc20Credit_toSelf() public {
        BlocklistToken busd = new BlocklistToken();
        allowToken(address(busd));
        busd.mint(buyer, PRICE);
        vm.prank(buyer);
        busd.approve(address(escrow), PRICE);
        uint256 jobId = post(address(busd));
        busd.setBlocked(buyer, true);
        vm.prank(supplier);
        escrow.decline(jobId);
        assertEq(escrow.credit(buyer, address(busd)), PRICE, "refund credited");
        busd.setBlocked(buyer, false);
        vm.prank(buyer);
        assertEq(escrow.withdraw(address(busd), buyer), PRICE, "withdrawn");
        assertEq(busd.balanceOf(buyer), PRICE, "buyer whole again");
    }

    function test_reentrantReceiver_cannotWithdrawTwice() public {
        (uint256 ethJob, uint256 usdJob) = honestJobs();
        ReentrantReceiver receiver = new ReentrantReceiver(address(escrow));
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        // Two jobs pushed to it fail (it refuses ETH until armed): its credits add up.
        for (uint256 i; i < 2; ++i) {
            Tender.DirectHire memory hire = hireOf(ETH);
            hire.supplier = address(receiver);
            uint256 jobId = post(hire);
            receiver.exec(abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w")));
            vm.prank(buyer);
            escrow.confirm(jobId, 5);
        }
        assertEq(escrow.credit(address(receiver), ETH), 2 * (PRICE - fee), "credits add up");

        receiver.arm();
        receiver.exec(abi.encodeCall(ITenderEscrow.withdraw, (ETH, address(receiver))));
        assertFalse(receiver.reentered(), "the second withdrawal was refused");
        assertEq(
            bytes4(receiver.reentryError()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector, "guard"
        );
        assertEq(address(receiver).balance, 2 * (PRICE - fee), "paid once, in one withdrawal");
        assertEq(escrow.credit(address(receiver), ETH), 0, "credit spent");
        assertHonestJobsIntact(ethJob, usdJob, 0);
    }

    function test_tokenAnsweringFalse_isCredited() public {
        FalseToken no = new FalseToken();
        allowToken(address(no));
        no.mint(buyer, PRICE);
        vm.prank(buyer);
        no.approve(address(escrow), PRICE);
        uint256 jobId = post(address(no));
        vm.prank(supplier);
        escrow.decline(jobId);
        assertStatus(jobId, Tender.Status.Refunded);
        assertEq(escrow.credit(buyer, address(no)), PRICE, "refund credited, not lost");
        assertEq(no.balanceOf(address(escrow)), PRICE, "still held for the buyer");
    }
}
